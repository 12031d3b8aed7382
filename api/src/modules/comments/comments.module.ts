import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ContributionEntity } from './entities/contribution.entity';
import { CommentsController } from './comments.controller';
import { CommentsService } from './comments.service';

@Module({
  imports: [TypeOrmModule.forFeature([ContributionEntity])],
  controllers: [CommentsController],
  providers: [CommentsService],
})
export class CommentsModule {}
